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

  it('gives the public portal an address for absolute links: EPI_PUBLIC_URL, else localhost and its port', () => {
    expect(readConfig({}).publicUrl).toBe('http://localhost:4321/');
    expect(readConfig({ EPI_PUBLIC_PORT: '8080' }).publicUrl).toBe('http://localhost:8080/');
    expect(readConfig({ EPI_PUBLIC_URL: 'https://yq.sjz.gov.cn' }).publicUrl).toBe('https://yq.sjz.gov.cn/');
    expect(() => readConfig({ EPI_PUBLIC_URL: 'ftp://yq.sjz.gov.cn' })).toThrow(/EPI_PUBLIC_URL/);
    expect(() => readConfig({ EPI_PUBLIC_URL: 'https://www.sjz.gov.cn/yq/' })).toThrow(/EPI_PUBLIC_URL/);
  });

  it('allows the movable test clock only in demo mode', () => {
    expect(readConfig({}).testClock).toBe(false);
    expect(readConfig({ EPI_DEMO: '1', EPI_TEST_CLOCK: '1' }).testClock).toBe(true);
    expect(() => readConfig({ EPI_TEST_CLOCK: '1' })).toThrow(/EPI_TEST_CLOCK.*EPI_DEMO=1/s);
  });

  it('loads the outbreak with the seeds in demo mode unless told the seeds alone', () => {
    expect(readConfig({ EPI_DEMO: '1' }).demoData).toBe('outbreak');
    expect(readConfig({ EPI_DEMO: '1', EPI_DEMO_DATA: 'seeds' }).demoData).toBe('seeds');
    expect(() => readConfig({ EPI_DEMO_DATA: 'all' })).toThrow(/EPI_DEMO_DATA/);
  });

  it('names the variable that is wrong', () => {
    expect(() => readConfig({ EPI_PUBLIC_PORT: 'eighty' })).toThrow(/EPI_PUBLIC_PORT/);
    expect(() => readConfig({ EPI_DEMO: 'yes' })).toThrow(/EPI_DEMO/);
  });
});
