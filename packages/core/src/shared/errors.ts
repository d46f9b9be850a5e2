export type DomainErrorCode = 'BAD_INPUT' | 'CONFLICT' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHORIZED';

export class DomainError extends Error {
  override name = 'DomainError';
  readonly code: DomainErrorCode;
  /** The input field the error is about, as a dotted path ('levelId', 'districts.2.newConfirmed'). */
  readonly field: string | undefined;
  constructor(code: DomainErrorCode, message: string, field?: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

export class InputError extends DomainError {
  override name = 'InputError';
  constructor(field: string, message: string) {
    super('BAD_INPUT', message, field);
  }
}

export class ConflictError extends DomainError {
  override name = 'ConflictError';
  constructor(message: string, field?: string) {
    super('CONFLICT', message, field);
  }
}

export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

export class PermissionError extends DomainError {
  override name = 'PermissionError';
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}
