import { GROWTH_LIMIT, formatGrowth, growth } from '../../bench/growth';

describe('growth exponents of the bench', () => {
  const linear = [200, 1000, 2000].map((n) => ({ n, seconds: n / 100, cpuSeconds: n / 50 }));
  const quadraticCpu = [200, 1000, 2000].map((n) => ({ n, seconds: n / 100, cpuSeconds: (n / 100) ** 2 }));

  it('fits wall and CPU apart and flags a command whose k exceeds the limit in either', () => {
    const [linearRow, quadraticRow] = growth({ readback: linear, impact: quadraticCpu });
    expect(linearRow).toEqual({ command: 'readback', sizes: [200, 1000, 2000], wall: 1, cpu: 1, exceeds: false });
    expect(quadraticRow).toEqual({ command: 'impact', sizes: [200, 1000, 2000], wall: 1, cpu: 2, exceeds: true });
  });

  it('allows exactly the limit', () => {
    const atLimit = [200, 2000].map((n) => ({ n, seconds: n ** GROWTH_LIMIT, cpuSeconds: n ** GROWTH_LIMIT }));
    expect(growth({ diff: atLimit })[0].exceeds).toBe(false);
  });

  it('says which commands exceed the limit in the printed table, and leaves one size unjudged', () => {
    const table = formatGrowth(growth({ readback: linear, impact: quadraticCpu, synth: [{ n: 1000, seconds: 9, cpuSeconds: 9 }] })).split(
      '\n',
    );
    expect(table[0]).toMatch(/^command\s+N\s+k wall\s+k CPU\s+k <= 1.15$/);
    expect(table[1]).toMatch(/^readback\s+200, 1000, 2000\s+1.00\s+1.00\s+yes$/);
    expect(table[2]).toMatch(/^impact\s+200, 1000, 2000\s+1.00\s+2.00\s+EXCEEDS$/);
    expect(table[3]).toMatch(/^synth\s+1000\s+-\s+-\s+-$/);
  });
});
