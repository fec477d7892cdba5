import { describe, expect, it } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';

@Injectable()
class Foo {
  hello(): string {
    return 'xin chào';
  }
}

describe('toolchain', () => {
  it('builds a Nest testing module under Jest ESM mode', async () => {
    const mod = await Test.createTestingModule({ providers: [Foo] }).compile();
    expect(mod.get(Foo).hello()).toBe('xin chào');
  });
});
