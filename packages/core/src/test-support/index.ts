// What tests across the workspace share: a real database with the real migrations, staff to act
// as, the January 2021 figures, and what corrections of them are prepared with. (Core's own tests
// also take their people as Vitest fixtures from ./desk.ts.)
export * from './corrections.ts';
export * from './db.ts';
export * from './fixtures.ts';
