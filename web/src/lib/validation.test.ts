import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { fieldErrorsOf, locToPath } from './validation';

describe('field errors from a 422', () => {
  const error = new ApiError(422, [
    { loc: ['body', 'tree_structure', 'steps', 2, 'title'], msg: 'Title must not be empty', type: 'value_error' },
    { loc: ['body', 'name'], msg: 'String should have at most 255 characters', type: 'string_too_long' },
    { loc: ['body', 'tree_structure', 'steps', 2, 'title'], msg: 'second', type: 'x' },
  ]);

  it('maps loc to dotted paths without the leading body', () => {
    expect(locToPath(['body', 'targets', 3, 'label'])).toBe('targets.3.label');
    expect(locToPath(['query', 'cron_expression'])).toBe('cron_expression');
  });

  it('finds messages by exact path and by prefix', () => {
    const errors = fieldErrorsOf(error);
    expect(errors.at('name')).toBe('String should have at most 255 characters');
    expect(errors.at('tree_structure.steps.2.title')).toBe('Title must not be empty; second');
    expect(errors.at('tree_structure.steps.2')).toBeUndefined();
    expect(errors.has('tree_structure.steps.2')).toBe(true);
    expect(errors.has('tree_structure.steps.1')).toBe(false);
  });

  it('is empty for other errors', () => {
    expect(fieldErrorsOf(new ApiError(400, 'Flow is not a maintenance flow')).all).toEqual([]);
    expect(fieldErrorsOf(new Error('x')).all).toEqual([]);
  });
});
