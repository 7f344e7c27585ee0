import { describe, expect, it } from 'vitest';
import { restoreApostrophes } from './normalize.js';

describe('restoreApostrophes', () => {
  it('puts apostrophes back in bare contractions from speech recognition', () => {
    expect(restoreApostrophes('i didnt want to i dont know im tired ive been thats it')).toBe(
      "i didn't want to i don't know i'm tired i've been that's it",
    );
    expect(restoreApostrophes('youre theyre wouldnt cant isnt hes shes itll')).toBe(
      "you're they're wouldn't can't isn't he's she's it'll",
    );
  });

  it('leaves real words alone', () => {
    expect(restoreApostrophes('i was ill and well its fine we were at the shell station')).toBe(
      'i was ill and well its fine we were at the shell station',
    );
  });
});
