/**
 * Which JSON editors an operation gets, and which model its items are: from the catalog when it
 * knows the operation (`jsonParams`, `itemModel`), otherwise from the path (list-like endpoints).
 * One small function so the catalog's facts replace the guess wherever they exist.
 */
import type { JsonParamName } from './editor-context';

export interface OperationFacts {
  jsonParams?: readonly JsonParamName[];
  itemModel?: { key: string; type: string; array: boolean };
}

export interface EditorPlan {
  /** The query/fields/sort editors to show, in that order. */
  jsonParams: JsonParamName[];
  /** Model of the returned items, e.g. `IUser`, for field completion; undefined when unknown. */
  modelName: string | undefined;
  /** Result key holding the items (`users`, `channels`), for the after-response check. */
  itemsKey: string | undefined;
  /** Whether the plan comes from the catalog or from the path guess. */
  source: 'catalog' | 'guess';
}

const LIST_LIKE = /\.(list|history|messages|members|search|files|online|all)(\.|$)|\.list\./;

/** Guess for paths the catalog does not know: list-like GET endpoints take all three. */
function guessFromPath(method: string, path: string): JsonParamName[] {
  if (method !== 'GET') return [];
  return LIST_LIKE.test(path) ? ['query', 'fields', 'sort'] : [];
}

/** Item models of well-known list endpoints, for the guess path (the catalog says it precisely). */
function guessModel(path: string): { type: string; key: string } | undefined {
  const last = path.split('/').pop() ?? '';
  if (/^users\./.test(last)) return { type: 'IUser', key: 'users' };
  if (/^(channels|groups)\.list/.test(last))
    return { type: 'IRoom', key: last.startsWith('groups') ? 'groups' : 'channels' };
  if (/^(im|dm)\.list/.test(last)) return { type: 'IRoom', key: 'ims' };
  if (/\.(history|messages)$/.test(last)) return { type: 'IMessage', key: 'messages' };
  if (/\.members$/.test(last)) return { type: 'IUser', key: 'members' };
  return undefined;
}

export function editorPlan(method: string, path: string, facts: OperationFacts | undefined): EditorPlan {
  if (facts) {
    const order: JsonParamName[] = ['query', 'fields', 'sort'];
    const names = facts.jsonParams ?? [];
    return {
      jsonParams: order.filter((n) => names.includes(n)),
      modelName: facts.itemModel?.type,
      itemsKey: facts.itemModel?.array ? facts.itemModel.key : undefined,
      source: 'catalog',
    };
  }
  const model = guessModel(path);
  return {
    jsonParams: guessFromPath(method, path),
    modelName: model?.type,
    itemsKey: model?.key,
    source: 'guess',
  };
}

/** Body editor for methods that send one. */
export function takesBody(method: string): boolean {
  return method === 'POST' || method === 'PUT' || method === 'DELETE' || method === 'PATCH';
}
