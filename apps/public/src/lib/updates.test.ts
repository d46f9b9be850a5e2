import { describe, expect, it } from 'vitest';
import { conferenceUpdateFields, facilityChangeLines } from './updates.ts';

describe('updates of published items', () => {
  it('says what each changed facility field was before, in the words of the page', () => {
    const lines = facilityChangeLines({
      version: 2,
      at: '2021-01-20T10:00:00.000Z',
      reason: '首批隔离人员入住',
      fields: [
        { field: 'status', before: 'under_construction', after: 'in_use' },
        { field: 'rooms', before: 3000, after: 3200 },
        { field: 'openedOn', before: null, after: '2021-01-20' },
      ],
    });
    expect(lines).toEqual(['状态：原为建设中，现为已投用', '房间数：原为3,000间，现为3,200间', '投用日期：原为（空），现为2021年1月20日']);
  });

  it('names the changed parts of a press conference', () => {
    expect(conferenceUpdateFields({ version: 2, at: '2021-01-15T12:00:00.000Z', reason: '补充', fields: ['links', 'qa'] })).toBe(
      '修改了：本场发布的内容、问答',
    );
  });
});
