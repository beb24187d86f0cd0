import { describe, expect, it } from 'vitest';
import { type ChatLine, mergeLine, transcriptText } from './chat-lines.ts';
import { parseBlock } from './sse-reader.ts';

const line = (clientId: string, seq: number | null, local = 0): ChatLine => ({
  clientId,
  seq,
  author: 'child',
  text: clientId,
  local,
});

describe('mergeLine', () => {
  it.each([
    ['a new line is added', [line('a', 1)], line('b', 2), ['a:1', 'b:2']],
    ['an echo numbers the pending line, once', [line('a', null)], line('a', 3), ['a:3']],
    ['the same message again (a resumed stream) is not doubled', [line('a', 1)], line('a', 1), ['a:1']],
    ['numbered lines go before pending ones', [line('p', null, 5)], line('n', 7), ['n:7', 'p:null']],
    ['server order wins over arrival', [line('b', 2)], line('a', 1), ['a:1', 'b:2']],
    [
      'pending lines keep the order they were written',
      [line('y', null, 2)],
      line('x', null, 1),
      ['x:null', 'y:null'],
    ],
  ])('%s', (_name, lines, added, expected) => {
    expect(mergeLine(lines, added).map((l) => `${l.clientId}:${l.seq}`)).toEqual(expected);
  });
});

describe('parseBlock', () => {
  it.each([
    ['id: 4\nevent: message\ndata: {"a":1}', { id: '4', event: 'message', data: '{"a":1}' }],
    ['event: state\ndata: {}', { id: undefined, event: 'state', data: '{}' }],
    [': keep-alive', null],
    ['retry: 500', null],
    ['data: one\ndata: two', { id: undefined, event: 'message', data: 'one\ntwo' }],
  ])('%j', (block, expected) => {
    expect(parseBlock(block)).toEqual(expected);
  });
});

describe('transcriptText', () => {
  const words = { you: 'Jij', helpline: 'Hulplijn', photo: 'Foto', unreadable: 'onleesbaar' };
  it.each<[string, ChatLine[], string[]]>([
    ['an empty chat is the title only', [], ['Chat', '', '']],
    [
      'each message on its own line, who wrote it first, in the order given',
      [
        { clientId: 'a', seq: 1, author: 'child', text: 'hoi', local: 0 },
        { clientId: 'b', seq: 2, author: 'counsellor', text: 'hallo', local: 0 },
      ],
      ['Chat', '', 'Jij: hoi', 'Hulplijn: hallo', ''],
    ],
    [
      'a shared photo and a message that did not open are named, not left out',
      [
        { clientId: 'p', seq: 1, author: 'child', text: '', local: 0, photo: true },
        { clientId: 'x', seq: 2, author: 'counsellor', text: null, local: 0 },
      ],
      ['Chat', '', 'Jij: [Foto]', 'Hulplijn: [onleesbaar]', ''],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(transcriptText('Chat', lines, words).split('\n')).toEqual(expected);
  });
});
