import { parseArgs } from '../../scripts/bench/args';
import { parseLoadArgs } from '../../scripts/load/args';

describe('bench parseArgs', () => {
  it('defaults to 50 users, 2000 echo turns and 3 floor rounds', () => {
    expect(parseArgs([])).toEqual({ users: 50, echoTurns: 2000, floorRounds: 3, solo: true, help: false });
  });

  it('takes 0 floor rounds to skip the floor comparison, but no negative count', () => {
    expect(parseArgs(['--floor-rounds', '0']).floorRounds).toBe(0);
    expect(() => parseArgs(['--floor-rounds', '-1'])).toThrow(/whole number of at least 0/);
  });

  it('reads flags with a separate or an inline value', () => {
    expect(parseArgs(['--users', '5', '--echo-turns=300', '--no-solo'])).toEqual({
      users: 5,
      echoTurns: 300,
      floorRounds: 3,
      solo: false,
      help: false,
    });
  });

  it('rejects unknown flags and values that are not positive whole numbers', () => {
    expect(() => parseArgs(['--user', '5'])).toThrow(/unknown option --user/);
    expect(() => parseArgs(['--users'])).toThrow(/whole number of at least 1/);
    expect(() => parseArgs(['--users', '0'])).toThrow(/whole number of at least 1/);
    expect(() => parseArgs(['--users', '2.5'])).toThrow(/whole number of at least 1/);
  });
});

describe('load parseLoadArgs', () => {
  it('defaults to 1,000 users pausing 8 s, and no soak', () => {
    expect(parseLoadArgs([])).toEqual({ users: 1000, thinkMs: 8000, soakMinutes: 0, soakUsers: 50, help: false });
  });

  it('reads every flag, and zero where zero means "none"', () => {
    expect(parseLoadArgs(['--users=20', '--think-ms', '0', '--soak-minutes', '10', '--soak-users', '5'])).toMatchObject(
      {
        users: 20,
        thinkMs: 0,
        soakMinutes: 10,
        soakUsers: 5,
      },
    );
    expect(() => parseLoadArgs(['--users', '0'])).toThrow(/whole number of at least 1/);
    expect(() => parseLoadArgs(['--soak', '1'])).toThrow(/unknown option --soak/);
  });
});
