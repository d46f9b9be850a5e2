import { describe, expect, it } from 'vitest';
import { resolveField, type FormFields } from './form-fields.ts';

const form: FormFields = {
  prefix: 'pc',
  messages: (field) => (field === 'people.0.name' ? ['必填'] : []),
  labels: () => ({ title: '标题', 'people.0.name': '第 1 人 姓名' }),
};

describe('resolveField', () => {
  it('takes the id, messages and label of a name from the form', () => {
    expect(resolveField(form, { name: 'title' })).toEqual({ id: 'pc-title', label: '标题', messages: [] });
    expect(resolveField(form, { name: 'people.0.name', label: '姓名' })).toEqual({
      id: 'pc-people-0-name',
      label: '姓名',
      messages: ['必填'],
    });
  });

  it('keeps what is given over what the form has', () => {
    expect(resolveField(form, { name: 'title', id: 'paste-text', label: '通报原文', messages: ['请先粘贴通报原文'] })).toEqual({
      id: 'paste-text',
      label: '通报原文',
      messages: ['请先粘贴通报原文'],
    });
  });

  it('works outside a form when the field is given its id and label', () => {
    expect(resolveField(undefined, { id: 'x', label: '上传附件' })).toEqual({ id: 'x', label: '上传附件', messages: [] });
  });

  it('refuses a field that has no id or no label', () => {
    expect(() => resolveField(undefined, { name: 'title' })).toThrow(/needs an id and a label/);
    expect(() => resolveField(form, { name: 'summary' })).toThrow(/needs an id and a label/);
  });
});
