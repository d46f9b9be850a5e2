import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { signIn, type DemoRole } from './helpers.ts';
import { Systems, type System } from './system.ts';

export { expect };

/** The public portal of the spec file's system, read through a page. */
export class PublicSite {
  readonly origin: string;
  private readonly page: Page;

  constructor(page: Page, origin: string) {
    this.page = page;
    this.origin = origin;
  }

  /** The absolute address of a path on the portal. */
  url(path: string): string {
    return new URL(path, this.origin).href;
  }

  /** Opens a page of the portal and expects it to be there. */
  async open(path: string): Promise<void> {
    const response = await this.page.goto(this.url(path));
    expect(response?.status(), `${path} on the public portal`).toBe(200);
  }

  /**
   * Reloads a page of the portal until `check` passes: a change reaches the portal when the
   * publisher's rebuild goes live, in the background. `check` should use short timeouts.
   */
  async waitFor(path: string, check: () => Promise<void>, timeout = 150_000): Promise<void> {
    await expect(async () => {
      await this.open(path);
      await check();
    }).toPass({ timeout, intervals: [1_000] });
  }

  /** The time the live release was built, as its pages state it (the footer's first <time>). */
  async builtAt(): Promise<Date> {
    const datetime = await this.page.locator('footer time').first().getAttribute('datetime', { timeout: 1_000 });
    expect(datetime).toBeTruthy();
    return new Date(datetime!);
  }
}

/** The system's clock (EPI_TEST_CLOCK): read by anyone, moved forward by a signed-in admin. */
export class TestClock {
  private readonly request: APIRequestContext;
  private readonly adminOrigin: string;

  constructor(request: APIRequestContext, adminOrigin: string) {
    this.request = request;
    this.adminOrigin = adminOrigin;
  }

  async now(): Promise<Date> {
    const response = await this.request.get(`${this.adminOrigin}/api/test-clock`);
    expect(response.ok()).toBe(true);
    return new Date(((await response.json()) as { now: string }).now);
  }

  /** Moves the clock forward to `at`; whatever falls due by then is published. The page's user must be an admin. */
  async moveTo(at: Date): Promise<void> {
    const response = await this.request.post(`${this.adminOrigin}/api/test-clock`, {
      data: { at: at.toISOString() },
      headers: { origin: this.adminOrigin },
    });
    expect(response.ok(), await response.text()).toBe(true);
  }
}

interface TestFixtures {
  /** The spec file's own system (console, database, public portal, clock), fresh from the demo data. */
  system: System;
  publicSite: PublicSite;
  /** The system's clock, moved with the `page`'s session. */
  clock: TestClock;
  /** The demo role `page` is signed in as when a test starts (`test.use({ signedInAs: 'press' })`); none by default. */
  signedInAs: DemoRole | null;
}

interface WorkerFixtures {
  systems: Systems;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  systems: [
    // Playwright reads a fixture's dependencies from this pattern: it must stay an (empty) object pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const systems = new Systems(workerInfo.parallelIndex);
      await systems.prepare();
      await use(systems);
      await systems.stop();
    },
    // The first system of a run builds the public site from the demo data.
    { scope: 'worker', timeout: 300_000 },
  ],
  system: [
    async ({ systems }, use, testInfo) => {
      const { system, timing } = await systems.forFile(testInfo.file);
      if (timing) testInfo.annotations.push({ type: 'system', description: timing });
      const logFrom = system.log().length;
      await use(system);
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('server log', { body: system.log().slice(logFrom), contentType: 'text/plain' });
      }
    },
    { auto: true },
  ],
  baseURL: async ({ system }, use) => use(system.adminUrl),
  signedInAs: [null, { option: true }],
  page: async ({ page, signedInAs }, use) => {
    if (signedInAs) await signIn(page, signedInAs);
    await use(page);
  },
  publicSite: async ({ page, system }, use) => use(new PublicSite(page, system.publicUrl)),
  clock: async ({ page, system }, use) => use(new TestClock(page.request, system.adminUrl)),
});
