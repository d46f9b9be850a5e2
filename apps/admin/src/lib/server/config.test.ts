import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('admin configuration', () => {
  it('defaults to demo mode off, port 3000 and the public portal on 4321', () => {
    const c = readConfig({});
    expect(c.demoMode).toBe(false);
    expect(c.adminPort).toBe(3000);
    expect(c.publicPort).toBe(4321);
    expect(c.adminOrigin).toBe('http://localhost:3000');
    expect(c.secureCookies).toBe(false);
    expect(c.databaseUrl).toMatch(/^sqlite:\/.*\.data\/epi\.sqlite$/);
  });

  it('reads overrides and marks cookies secure behind https', () => {
    const c = readConfig({ EPI_DEMO: '1', PORT: '3100', EPI_PUBLIC_PORT: '8080', EPI_ADMIN_ORIGIN: 'https://admin.example.gov.cn' });
    expect(c).toMatchObject({ demoMode: true, adminPort: 3100, publicPort: 8080, secureCookies: true });
  });

  it('names the variable that is wrong', () => {
    expect(() => readConfig({ EPI_PUBLIC_PORT: 'eighty' })).toThrow(/EPI_PUBLIC_PORT/);
    expect(() => readConfig({ EPI_DEMO: 'yes' })).toThrow(/EPI_DEMO/);
  });
});
