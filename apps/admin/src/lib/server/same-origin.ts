const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The console's CSRF rule: a request that changes something must come from a page of the console
 * itself. Browsers send Origin with every such request; it must name the host the request was sent
 * to, or the configured public origin (a console behind a proxy). Compared by host rather than by
 * full origin because the node server cannot tell whether it is reached over http or https.
 */
export function isCrossSite(request: Request, url: URL, adminOrigin: string): boolean {
  if (!MUTATING.has(request.method)) return false;
  const origin = request.headers.get('origin');
  if (!origin) return true;
  if (origin === new URL(adminOrigin).origin) return false;
  try {
    return new URL(origin).host !== url.host;
  } catch {
    return true;
  }
}
