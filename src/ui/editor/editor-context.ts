/**
 * What the lazily loaded Monaco language setup needs to know about the selected operation.
 * Plain data (no monaco types) so the React side can build it before Monaco has arrived.
 */
export type JsonParamName = 'query' | 'fields' | 'sort';

export interface OperatorInfo {
  /** e.g. `$regex` */
  name: string;
  /** Whether Rocket.Chat's parseJsonQuery lets it through. */
  allowed: boolean;
  /** Where it is used: at the top of a query (`$or`) or inside a field's value (`$regex`). */
  level: 'top' | 'field' | 'both';
  /** One line, shown in completion and hover. */
  note: string;
}

export interface EditorLanguageContext {
  /** Changes when the selected operation changes; schemas are pushed to the JSON worker only then. */
  key: string;
  /** Item model of the operation (`IUser`, `IRoom`, ...) for field-name completion and hover. */
  modelName: string | undefined;
  /** JSON Schema of each editor's content (query, fields, sort; Body when the catalog has one). */
  schemas: Partial<Record<JsonParamName | 'body', object>>;
  operators: OperatorInfo[];
}

/** Stable model URI per editor: the JSON worker matches schemas to models by it. */
export function editorModelUri(name: JsonParamName | 'body'): string {
  return `inmemory://explorer/${name}.json`;
}
