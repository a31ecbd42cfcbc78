/**
 * GraphQL over HTTP conformance: the graphql-http package's server audits (the reference suite of the
 * GraphQL-over-HTTP specification) run against the real server, for application/json and
 * application/graphql-response+json alike. Every MUST and every SHOULD passes; MAY items are reported.
 */
import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { sharedApp } from '../support/graph.js';

const suite = sharedApp({ listen: true });

describe('GraphQL over HTTP (graphql-http server audits)', () => {
  const audits = serverAudits({ url: () => `${suite.base}/graphql` });
  for (const audit of audits) {
    const level = audit.name.startsWith('MUST') ? 'MUST' : audit.name.startsWith('SHOULD') ? 'SHOULD' : 'MAY';
    it.runIf(level !== 'MAY')(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
    });
  }
});
