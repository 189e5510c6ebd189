// The one error shape of the JSON API: { error: { code, message } } with a matching HTTP status.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** Responds with the API's error shape. */
export function apiError(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status);
}

/** A 400 naming each invalid query parameter. */
export function invalidQuery(c: Context, error: z.ZodError) {
  const message = error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
  return apiError(c, 400, 'invalid_query', message);
}
