import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.ts';

const li = { username: 'li.hua', displayName: '李华' };

describe('password policy', () => {
  it('refuses fewer than 12 characters, counted as characters, not bytes', () => {
    expect(passwordProblem('Xq7#mP2!vL9', li)).toBe('密码至少 12 位');
    expect(passwordProblem('石家庄疫情防控信息发布平', li)).toBeNull();
  });

  it('refuses the username or the name inside the password, in any case', () => {
    expect(passwordProblem('LI.HUA-summer-morning', li)).toBe('密码不能包含用户名或姓名');
    expect(passwordProblem('李华的新密码是很长的一句话', li)).toBe('密码不能包含用户名或姓名');
    expect(passwordProblem('LiHua-summer-morning', li)).toBe('密码不能包含用户名或姓名');
    expect(passwordProblem('li-hua-password-2021', li)).toBe('密码不能包含用户名或姓名');
  });

  it.each([
    ['a common password padded to length', 'password1234'],
    ['twelve spaces', '            '],
    ['a keyboard row', 'qwertyuiop12'],
    ['a common word with substitutions and a year', 'Passw0rd!2021'],
    ["this system's own words", 'shijiazhuang2021'],
    ['a repeated pattern', 'abcabcabcabc'],
  ])('refuses %s, saying why', (_, password) => {
    expect(passwordProblem(password, li)).toMatch(/^密码太容易被猜到（.+）：/);
  });

  it('accepts a passphrase and a random string', () => {
    expect(passwordProblem('quiet-river-lantern-88', li)).toBeNull();
    expect(passwordProblem('k7pm-3xqa-h9tr-w2nd', li)).toBeNull();
  });
});
