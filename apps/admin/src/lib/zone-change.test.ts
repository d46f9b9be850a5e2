import { describe, expect, it } from 'vitest';
import { operationErrors } from './zone-change.ts';

describe('operationErrors', () => {
  it("names the first operation's fields as the form's own, keeping the others", () => {
    const errors = operationErrors({
      message: 'x',
      code: 'BAD_REQUEST',
      fields: { 'operations.0.input.effectiveAt': ['时间格式不正确'], reason: ['请说明理由'], 'operations.1.input.name': ['必填'] },
      reconciliation: null,
    });
    expect(errors?.fields).toEqual({ effectiveAt: ['时间格式不正确'], reason: ['请说明理由'], 'operations.1.input.name': ['必填'] });
    expect(operationErrors(null)).toBeNull();
  });
});
