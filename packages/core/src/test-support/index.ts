// What tests across the workspace share: a real database with the real migrations, staff to act
// as, and the January 2021 figures.
export * from './db.ts';
export * from './fixtures.ts';
