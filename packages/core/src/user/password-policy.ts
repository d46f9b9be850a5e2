import { ZxcvbnFactory, type TranslationKeys } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { InputError } from '../shared/errors.ts';

export const PASSWORD_MIN_LENGTH = 12;
/** zxcvbn's score (0–4) a password must reach: 3 is "safely unguessable: moderate protection from an offline slow-hash scenario". */
export const PASSWORD_MIN_SCORE = 3;

// zxcvbn's warnings, in the console's language.
const WARNINGS: TranslationKeys['warnings'] = {
  straightRow: '键盘上连成一排的按键很容易被猜到',
  keyPattern: '简短的键盘图形很容易被猜到',
  simpleRepeat: '重复的字符（如 aaa）很容易被猜到',
  extendedRepeat: '重复的字符组合（如 abcabcabc）很容易被猜到',
  sequences: '常见的字符序列（如 abc、123）很容易被猜到',
  recentYears: '近年的年份很容易被猜到',
  dates: '日期很容易被猜到',
  topTen: '这是最常用的密码之一',
  topHundred: '这是很常用的密码',
  common: '这是常用密码',
  similarToCommon: '这与常用密码相近',
  wordByItself: '单个词语很容易被猜到',
  namesByThemselves: '单独的名字或姓氏很容易被猜到',
  commonNames: '常见的名字和姓氏很容易被猜到',
  userInputs: '密码不应包含用户名、姓名或本系统的名称',
  pwned: '这个密码已在网上泄露过',
};

// Words of this system that an attacker tries first, besides the account's own names.
const SYSTEM_WORDS = ['epi', 'epiportal', 'portal', 'shijiazhuang', 'sjz', 'hebei', 'covid', 'yiqing', 'admin', 'press', 'reviewer'];

let checker: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    translations: { ...en.translations, warnings: WARNINGS },
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, system: SYSTEM_WORDS },
  });
  return checker;
}

/**
 * Why a password may not be used for this account, or null when it may: shorter than 12, the
 * username (or the display name) in it, or too easy to guess against common and contextual
 * passwords (zxcvbn's dictionaries, keyboard patterns, dates, this system's own words).
 */
export function passwordProblem(password: string, account: { username: string; displayName?: string }): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  // Compared without separators and case: li.hua is in "LiHua2021" and in "li-hua-2021".
  const bare = (text: string) => text.toLowerCase().replace(/[\s._\-@]+/g, '');
  const names = [account.username, account.displayName ?? ''].map(bare).filter((n) => [...n].length >= 2);
  if (names.some((n) => bare(password).includes(n))) return '密码不能包含用户名或姓名';
  const result = zxcvbn().check(password, names);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const why = result.feedback.warning ?? '组合太简单';
  return `密码太容易被猜到（${why}）：请用更长的、不常见的词语或句子组合`;
}

/** Throws an InputError on `field` when the password may not be used (see passwordProblem). */
export function assertAcceptablePassword(field: string, password: string, account: { username: string; displayName?: string }): void {
  const problem = passwordProblem(password, account);
  if (problem) throw new InputError(field, problem);
}
