import type { UseFormSetError } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { exactFields, fieldErrorsOf, locToPath, setServerErrors } from './validation';

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

describe('server errors on a react-hook-form form', () => {
  type Values = { name: string; targets: string };
  const collect = () => {
    const set: Record<string, string | undefined> = {};
    const setError = ((name: string, error: { message?: string }) => {
      set[name] = error.message;
    }) as UseFormSetError<Values>;
    return { set, setError };
  };

  it('puts each 422 issue at the field its loc names, and the rest on the form', () => {
    const { set, setError } = collect();
    const error = new ApiError(422, [
      { loc: ['body', 'name'], msg: 'Name is taken', type: 'value_error' },
      { loc: ['body', 'targets', 3, 'label'], msg: 'Too long', type: 'string_too_long' },
      { loc: ['body', 'targets', 4, 'label'], msg: 'Empty', type: 'string_too_short' },
      { loc: ['body', 'colour'], msg: 'Unknown field', type: 'extra_forbidden' },
    ]);
    const rest = setServerErrors(error, setError, (issue) =>
      issue.path === 'name'
        ? 'name'
        : issue.path.startsWith('targets.')
          ? { field: 'targets', message: `Target ${Number(issue.path.split('.')[1]) + 1}: ${issue.msg}` }
          : null,
    );
    expect(set).toEqual({
      name: 'Name is taken',
      targets: 'Target 4: Too long; Target 5: Empty',
      'root.server': 'Unknown field',
    });
    expect(rest.map((i) => i.path)).toEqual(['colour']);
  });

  it("shows any other failure on the form in the server's words", () => {
    const { set, setError } = collect();
    setServerErrors(new ApiError(403, 'Viewers can read but not change anything'), setError, exactFields(['name']));
    expect(set).toEqual({ 'root.server': 'Viewers can read but not change anything' });
  });
});
