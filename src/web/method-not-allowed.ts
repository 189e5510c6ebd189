// 405 instead of 404 when the path exists but not for the request's method (e.g. POST /api/papers), with the
// Allow header that RFC 9110 requires.
import type { Hono } from 'hono';
import type { AppEnv } from './env.js';

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The methods some route (not middleware) serves at `path`; GET implies HEAD. Empty for an unknown path. */
export function allowedMethods(app: Hono<AppEnv>, path: string): string[] {
  const allowed: string[] = [];
  for (const m of methods) {
    const [matches] = app.router.match(m, path);
    // Middleware is registered for every method ("ALL"); only a route for this very method counts.
    if (matches.some(([[, route]]) => route.method === m)) allowed.push(m);
  }
  if (allowed.includes('GET')) allowed.splice(1, 0, 'HEAD');
  return allowed;
}
