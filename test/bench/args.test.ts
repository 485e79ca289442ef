import { parseArgs } from '../../scripts/bench/args';

describe('bench parseArgs', () => {
  it('defaults to 50 users and 2000 echo turns', () => {
    expect(parseArgs([])).toEqual({ users: 50, echoTurns: 2000, solo: true, help: false });
  });

  it('reads flags with a separate or an inline value', () => {
    expect(parseArgs(['--users', '5', '--echo-turns=300', '--no-solo'])).toEqual({
      users: 5,
      echoTurns: 300,
      solo: false,
      help: false,
    });
  });

  it('rejects unknown flags and values that are not positive whole numbers', () => {
    expect(() => parseArgs(['--user', '5'])).toThrow(/unknown option --user/);
    expect(() => parseArgs(['--users'])).toThrow(/positive whole number/);
    expect(() => parseArgs(['--users', '0'])).toThrow(/positive whole number/);
    expect(() => parseArgs(['--users', '2.5'])).toThrow(/positive whole number/);
  });
});
