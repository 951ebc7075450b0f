import { ServerSentEventParser } from './sse';

describe('ServerSentEventParser', () => {
  it('parses named events with ids, multi-line data and comments', () => {
    const parser = new ServerSentEventParser();
    const events = parser.push(
      ': keep-alive\n\nevent: snapshot\nid: 1\ndata: {"a":\ndata: 1}\n\nevent: status\nid: 2\ndata: x\n\n',
    );
    expect(events).toEqual([
      { event: 'snapshot', data: '{"a":\n1}', id: '1', retry: undefined },
      { event: 'status', data: 'x', id: '2', retry: undefined },
    ]);
    expect(parser.lastId).toBe('2');
  });

  it('assembles events split across chunks at any point, including CRLF', () => {
    const text =
      'event: status\r\nid: 7\r\ndata: hello\r\n\r\ndata: world\r\n\r\n';
    for (let split = 1; split < text.length; split++) {
      const parser = new ServerSentEventParser();
      const events = [
        ...parser.push(text.slice(0, split)),
        ...parser.push(text.slice(split)),
      ];
      expect(events.map(e => [e.event, e.data, e.id])).toEqual([
        ['status', 'hello', '7'],
        ['message', 'world', '7'],
      ]);
    }
  });

  it('handles bare CR line endings, fields without a value and retry', () => {
    const parser = new ServerSentEventParser();
    const events = parser.push('retry: 2500\rdata\rdata:x\r\r');
    expect(events).toEqual([
      { event: 'message', data: '\nx', id: undefined, retry: 2500 },
    ]);
  });

  it('ignores blocks without data and unknown fields', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push('event: status\nfoo: bar\n\n:comment\n\n')).toEqual([]);
  });

  it('does not dispatch an incomplete event', () => {
    const parser = new ServerSentEventParser();
    expect(parser.push('data: partial')).toEqual([]);
    parser.reset();
    expect(parser.push('\n\n')).toEqual([]);
  });
});
