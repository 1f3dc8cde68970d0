import { UnsupportedMediaTypeException } from '@nestjs/common';
import { checkJsonContentType } from './json-request.guard';

describe('checkJsonContentType', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON ;charset=UTF-8'])('accepts %p', (t) => {
    expect(() => checkJsonContentType(t)).not.toThrow();
  });

  it.each<[string | undefined, string]>([
    ['text/plain', 'Content-Type must be application/json (got "text/plain")'],
    ['application/jsonx', 'Content-Type must be application/json (got "application/jsonx")'],
    ['', 'Content-Type must be application/json (got none)'],
    [undefined, 'Content-Type must be application/json (got none)'],
  ])('answers 415 to %p naming the expected type', (t, message) => {
    let err: unknown;
    try {
      checkJsonContentType(t);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnsupportedMediaTypeException);
    expect((err as UnsupportedMediaTypeException).getResponse()).toMatchObject({ message });
  });
});
