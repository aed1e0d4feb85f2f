import { useMutation } from '@tanstack/react-query';
import { memo, useId, useState, type FormEvent } from 'react';
import type { ParsedOpenApi } from '../../core/catalog/openapi';
import { matchKey } from '../../core/catalog/operation';
import { useCatalogStore } from './catalog-store';
import { connectAllowedByPolicy, pagePolicy } from './csp';

const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The importer (with its YAML parser) is loaded on first use, keeping it out of the first page load. */
const loadImporter = () => import('../../core/catalog/live');

/** Core's OpenApiError, recognised without importing its module up front. */
function isOpenApiError(error: unknown): error is Error & { source: string; where: string } {
  return error instanceof Error && error.name === 'OpenApiError';
}

/** Why an import failed, in words with a next step. Fetch failures from a browser are mostly CORS or CSP. */
export function describeImportError(error: unknown, fromUrl: boolean): string {
  if (error instanceof BlockedByPolicy) return error.message;
  if (isOpenApiError(error)) {
    const fetchFailed = /could not be fetched \(/.test(error.message);
    if (fromUrl && fetchFailed) {
      return (
        `${error.source} could not be fetched from the browser: the host is unreachable or does not allow ` +
        `cross-origin requests (CORS). Download the file and choose it with "OpenAPI file" instead.`
      );
    }
    return `${error.message}. Nothing was changed; fix the document and import it again.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `The import failed: ${message}${message.endsWith('.') ? '' : '.'} Nothing was changed.`;
}

/** A URL the page's policy does not let it fetch: the message already says what to do. */
class BlockedByPolicy extends Error {
  override name = 'BlockedByPolicy';
}

function originOf(target: string): string {
  try {
    return new URL(target, window.location.href).origin;
  } catch {
    return target;
  }
}

/** Reads a chosen file as text; refuses very large files before reading them. */
async function readFile(file: File): Promise<string> {
  if (file.size > MAX_FILE_BYTES) {
    throw new Error(`${file.name} is ${Math.round(file.size / 1048576)} MB; at most 20 MB can be imported`);
  }
  return file.text();
}

/**
 * "Import OpenAPI": adds descriptions, examples and missing operations from an OpenAPI 3.x document
 * (JSON or YAML) by URL or file. Parsing and merging are src/core/catalog's; a failure leaves the
 * catalog exactly as it was.
 */
export const ImportOpenApi = memo(function ImportOpenApi() {
  const imports = useCatalogStore((state) => state.imports);
  const { addImport, removeImport } = useCatalogStore((state) => state.actions);
  const [url, setUrl] = useState('');
  const [result, setResult] = useState('');
  const urlId = useId();
  const fileId = useId();

  const apply = (parsed: ParsedOpenApi, label: string) => {
    const view = useCatalogStore.getState().view;
    const known = new Set((view?.operations ?? []).map((op) => matchKey(op.method, op.path)));
    const added = parsed.operations.filter((op) => !known.has(matchKey(op.method, op.path))).length;
    addImport({
      id: `import:${label}`,
      label,
      title: parsed.title,
      operations: parsed.operations,
      warningCount: parsed.warnings.length,
    });
    const warnings =
      parsed.warnings.length > 0
        ? `, ${parsed.warnings.length} parts skipped (${parsed.warnings[0]?.message ?? ''})`
        : '';
    setResult(
      `Imported ${label} (${parsed.title}): ${parsed.operations.length} operations, ${added} new${warnings}.`,
    );
  };

  const fromUrl = useMutation({
    mutationFn: async (target: string) => {
      // Asking the policy first: a fetch it blocks logs a violation and fails without a reason.
      if (!connectAllowedByPolicy(await pagePolicy(), target, window.location.origin)) {
        throw new BlockedByPolicy(
          `This page's Content-Security-Policy (connect-src) does not let it fetch from ${originOf(target)}. ` +
            'Download the file and choose it with "OpenAPI file" instead.',
        );
      }
      const { importOpenApiFromUrl, labelFor } = await loadImporter();
      return { parsed: await importOpenApiFromUrl(target), label: labelFor(target) };
    },
    onSuccess: ({ parsed, label }) => apply(parsed, label),
    onMutate: () => setResult(''),
  });
  const fromFile = useMutation({
    mutationFn: async (file: File) => {
      const { importOpenApiText, labelFor } = await loadImporter();
      return { parsed: importOpenApiText(await readFile(file), file.name), label: labelFor(file.name) };
    },
    onSuccess: ({ parsed, label }) => apply(parsed, label),
    onMutate: () => setResult(''),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const target = url.trim();
    if (target === '') return;
    fromFile.reset();
    fromUrl.mutate(target);
  };

  const error = fromUrl.error
    ? describeImportError(fromUrl.error, true)
    : fromFile.error
      ? describeImportError(fromFile.error, false)
      : '';
  const pending = fromUrl.isPending || fromFile.isPending;

  return (
    <details className="import-openapi">
      <summary>Import OpenAPI</summary>
      <div className="import-body">
        <form onSubmit={onSubmit} className="import-row">
          <label htmlFor={urlId}>OpenAPI URL</label>
          <input
            id={urlId}
            type="url"
            placeholder="https://…/rooms.yaml"
            value={url}
            spellCheck={false}
            onChange={(event) => setUrl(event.target.value)}
          />
          <button type="submit" disabled={pending || url.trim() === ''}>
            Import from URL
          </button>
        </form>
        <div className="import-row">
          <label htmlFor={fileId}>OpenAPI file</label>
          <input
            id={fileId}
            type="file"
            accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (!file) return;
              fromUrl.reset();
              fromFile.mutate(file);
            }}
          />
        </div>
        <p className="hint muted">
          JSON or YAML, OpenAPI 3.x (e.g. the Rocket.Chat-Open-API files). Adds descriptions, examples and
          missing endpoints.
        </p>
        {pending ? (
          <p className="hint" role="status">
            Importing…
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="alert hint">
            {error}
          </p>
        ) : null}
        {result && !error ? (
          <p role="status" className="hint">
            {result}
          </p>
        ) : null}
        {imports.length > 0 ? (
          <ul className="import-list">
            {imports.map((source) => (
              <li key={source.id}>
                <span>
                  {source.label} · {source.operations.length} operations
                </span>
                <button type="button" className="link-button" onClick={() => removeImport(source.id)}>
                  Remove {source.label}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </details>
  );
});
