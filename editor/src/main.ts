/**
 * The query editor served at GET /graphql for browsers: GraphiQL from npm, bundled with the examples
 * preloaded as tabs, so a researcher on a machine without internet still gets a working editor (Apollo's
 * Sandbox loads from a CDN). It talks only to this server's /graphql; an API key typed into the Headers
 * tab is sent as given and never stored (header persistence is off).
 */
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { buildSchema } from 'graphql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';

/** The files of examples/, put in by the build (scripts/build-editor.mjs). */
declare const __EXAMPLES__: { file: string; query: string }[];

const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(options?.headers ?? {}) },
    body: JSON.stringify(params),
  });
  return response.json();
};

/**
 * The schema comes from /schema.graphql rather than introspection, so docs and completion work in
 * production too, where introspection is off.
 */
async function start(root: HTMLElement): Promise<void> {
  const sdl = await fetch('/schema.graphql').then((r) => (r.ok ? r.text() : null)).catch(() => null);
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher,
      ...(sdl ? { schema: buildSchema(sdl) } : {}),
      defaultTabs: __EXAMPLES__.map((e) => ({ query: e.query })),
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: false,
    }),
  );
}

const root = document.getElementById('editor');
if (root) void start(root);
