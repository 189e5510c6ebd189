// GET /api — the API reference, rendered on the server from the OpenAPI document (works without JavaScript).
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { Layout } from '../views/layout.js';
import { openApiDocument } from '../api/openapi.js';

interface ParamDoc {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: { type?: string; enum?: string[]; default?: unknown; minimum?: number; maximum?: number };
}

/** A short human description of a parameter's type: "integer 1–100, default 30". */
function typeText(s: ParamDoc['schema']): string {
  const base = s.enum ? `one of ${s.enum.join(', ')}` : (s.type ?? 'string');
  const range = s.minimum !== undefined && s.maximum !== undefined ? ` ${s.minimum}–${s.maximum}` : '';
  const def = s.default !== undefined ? `, default ${JSON.stringify(s.default)}` : '';
  return `${base}${range}${def}`;
}

/** Renders every operation of the OpenAPI document with its parameters and responses. */
export function apiDocsPage(c: Context<AppEnv>, publicUrl: string) {
  const doc = openApiDocument(publicUrl);
  return c.html(
    <Layout title="API — paperpulse" demo={c.var.demo}>
      <h1>paperpulse API</h1>
      <p>{doc.info.description}</p>
      <p>
        Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI {doc.openapi}). Every
        list is also a feed: <a href="/feed.atom">Atom</a>, <a href="/feed.rss">RSS</a>,{' '}
        <a href="/feed.json">JSON Feed</a>.
      </p>
      {Object.entries(doc.paths).map(([path, item]) => {
        // One method per path (GET, or POST for /api/subscriptions).
        const [method, op] = Object.entries(
          item as Record<
            string,
            {
              summary: string;
              description?: string;
              parameters: ParamDoc[];
              responses: object;
              requestBody?: object;
            }
          >,
        )[0]!;
        return (
          <section>
            <h2>
              <code>
                {method.toUpperCase()} {path}
              </code>{' '}
              — {op.summary}
            </h2>
            {op.description ? <p>{op.description}</p> : null}
            {op.requestBody ? (
              <p>
                Body: JSON, described in <a href="/api/openapi.json">the OpenAPI document</a>.
              </p>
            ) : null}
            {op.parameters.length ? (
              <table>
                <caption class="visually-hidden">Parameters of {path}</caption>
                <thead>
                  <tr>
                    <th scope="col">Parameter</th>
                    <th scope="col">In</th>
                    <th scope="col">Type</th>
                    <th scope="col">Meaning</th>
                  </tr>
                </thead>
                <tbody>
                  {op.parameters.map((p) => (
                    <tr>
                      <td>
                        <code>{p.name}</code>
                      </td>
                      <td>{p.in}</td>
                      <td>{typeText(p.schema)}</td>
                      <td>{p.description ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <p class="note">Responses: {Object.keys(op.responses).join(', ')}</p>
          </section>
        );
      })}
    </Layout>,
  );
}
