/**
 * Warnings: what a response should say that is not an error (the data is right, but not all of it). A
 * resolver adds one to its request's collector (`ctx.warnings`); the plugin attaches them to a single
 * result as `extensions.warnings`, in the order they were added. A response without any has no key.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { responsePathAsArray, type GraphQLResolveInfo } from 'graphql';

export type WarningCode = 'LIST_TRUNCATED';

export interface ResponseWarning {
  code: WarningCode;
  /** The response path of the field it is about. */
  path: (string | number)[];
  message: string;
}

/** The warnings of one request (one per context). */
export class ResponseWarnings {
  private readonly items: ResponseWarning[] = [];

  add(warning: ResponseWarning): void {
    this.items.push(warning);
  }

  /**
   * LIST_TRUNCATED for the list field resolving at `info`: it shows its first `cap` items; `whole.call`
   * (on `whole.on`, when not the same entity) lists them all (`whole.only`: of which, those it keeps).
   */
  listTruncated(info: GraphQLResolveInfo, cap: number, whole: { call: string; on?: string; only?: string | null }): void {
    const where = whole.on ? `${whole.on}'s ` : '';
    const only = whole.only ? ` (${whole.only})` : '';
    this.add({
      code: 'LIST_TRUNCATED',
      path: responsePathAsArray(info.path),
      message: `${info.parentType.name}.${info.fieldName} lists its first ${cap} items; ${where}${whole.call} lists them all${only}.`,
    });
  }

  list(): readonly ResponseWarning[] {
    return this.items;
  }
}

export function warningsPlugin<T extends { warnings: ResponseWarnings }>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response }) {
          const warnings = contextValue.warnings.list();
          if (response.body.kind !== 'single' || warnings.length === 0) return;
          const result = response.body.singleResult;
          result.extensions = { ...(result.extensions ?? {}), warnings: [...warnings] };
        },
      };
    },
  };
}
