// The site's public URL (EPI_PUBLIC_SITE_URL): Astro's `site`, from which feeds, the sitemap and
// robots.txt make absolute URLs. Read by astro.config.ts; pages get it back as `Astro.site`.
// Kept apart from api.ts so that the config does not load the database layer.

export const DEFAULT_SITE_URL = 'http://localhost:4321';

export class SiteUrlError extends Error {
  override name = 'SiteUrlError';
}

/** 'https://yq.sjz.gov.cn' → 'https://yq.sjz.gov.cn/'. The site is served from the root of its origin. */
export function readSiteUrl(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.EPI_PUBLIC_SITE_URL?.trim() || DEFAULT_SITE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SiteUrlError(`EPI_PUBLIC_SITE_URL=${raw} is not a URL (e.g. https://yq.sjz.gov.cn)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SiteUrlError(`EPI_PUBLIC_SITE_URL=${raw} must be an http: or https: URL`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new SiteUrlError(`EPI_PUBLIC_SITE_URL=${raw} must be an origin only (the site's links start at /), e.g. ${url.origin}`);
  }
  return `${url.origin}/`;
}

/** The site URL as a page or endpoint sees it (`Astro.site`); always set, see astro.config.ts. */
export function siteUrl(site: URL | undefined): URL {
  if (!site) throw new SiteUrlError('`site` is not set in astro.config.ts');
  return site;
}

/** An absolute URL of a path of the site. */
export function absoluteUrl(path: string, site: URL | undefined): string {
  return new URL(path, siteUrl(site)).href;
}
