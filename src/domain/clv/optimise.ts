// Nelder–Mead minimiser. Deterministic: the simplex is built from the start point, no randomness.

export interface MinimiseOptions {
  /** Initial simplex step along each axis. */
  step?: number;
  /** Stop when the spread of objective values across the simplex is below this, relative to 1 + |best|. */
  valueTolerance?: number;
  /** Stop when every vertex is within this distance (max-norm) of the best one. */
  pointTolerance?: number;
  maxIterations?: number;
  /** Fresh simplexes started from the best point found; stops early once a restart gains nothing. */
  restarts?: number;
}

export interface MinimiseResult {
  point: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

/** Minimise `objective` from `start`. Non-finite objective values are treated as +1e300 (a wall). */
export function nelderMead(
  objective: (point: readonly number[]) => number,
  start: readonly number[],
  options: MinimiseOptions = {},
): MinimiseResult {
  const restarts = options.restarts ?? 3;
  let best = runSimplex(objective, start, options);
  let iterations = best.iterations;
  for (let round = 0; round < restarts; round++) {
    const next = runSimplex(objective, best.point, options);
    iterations += next.iterations;
    const gain = best.value - next.value;
    if (next.value <= best.value) best = next;
    if (gain < (options.valueTolerance ?? 1e-10) * 10) break;
  }
  return { ...best, iterations };
}

function runSimplex(
  objective: (point: readonly number[]) => number,
  start: readonly number[],
  options: MinimiseOptions,
): MinimiseResult {
  const n = start.length;
  const step = options.step ?? 0.5;
  const valueTolerance = options.valueTolerance ?? 1e-10;
  const pointTolerance = options.pointTolerance ?? 1e-7;
  const maxIterations = options.maxIterations ?? 3000;
  const evaluate = (point: readonly number[]): number => {
    const value = objective(point);
    return Number.isFinite(value) ? value : 1e300;
  };

  const vertices: number[][] = [Array.from(start)];
  for (let i = 0; i < n; i++) {
    const vertex = Array.from(start);
    vertex[i] = (vertex[i] as number) + step;
    vertices.push(vertex);
  }
  const values = vertices.map(evaluate);
  const order = vertices.map((_, i) => i);
  const centroid = new Array<number>(n).fill(0);
  const trial = new Array<number>(n).fill(0);
  const trial2 = new Array<number>(n).fill(0);
  const at = (i: number): number => values[order[i] as number] as number;
  const vertexAt = (i: number): number[] => vertices[order[i] as number] as number[];

  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    order.sort((p, q) => (values[p] as number) - (values[q] as number));
    const bestVertex = vertexAt(0);
    let spread = 0;
    for (let i = 1; i <= n; i++) {
      const vertex = vertexAt(i);
      for (let k = 0; k < n; k++)
        spread = Math.max(spread, Math.abs((vertex[k] as number) - (bestVertex[k] as number)));
    }
    // Same test as scipy's Nelder–Mead: both the points and their values have come together.
    if (at(n) - at(0) <= valueTolerance * (1 + Math.abs(at(0))) && spread <= pointTolerance) {
      converged = true;
      break;
    }

    centroid.fill(0);
    for (let i = 0; i < n; i++) {
      const vertex = vertexAt(i);
      for (let k = 0; k < n; k++) centroid[k] = (centroid[k] as number) + (vertex[k] as number) / n;
    }
    const worst = vertexAt(n);
    const worstValue = at(n);
    for (let k = 0; k < n; k++) trial[k] = 2 * (centroid[k] as number) - (worst[k] as number);
    const reflected = evaluate(trial);

    if (reflected < at(0)) {
      for (let k = 0; k < n; k++) trial2[k] = 3 * (centroid[k] as number) - 2 * (worst[k] as number);
      const expanded = evaluate(trial2);
      replaceWorst(expanded < reflected ? trial2 : trial, expanded < reflected ? expanded : reflected);
    } else if (reflected < at(n - 1)) {
      replaceWorst(trial, reflected);
    } else {
      const outside = reflected < worstValue;
      for (let k = 0; k < n; k++) {
        const towards = outside ? (trial[k] as number) : (worst[k] as number);
        trial2[k] = 0.5 * ((centroid[k] as number) + towards);
      }
      const contracted = evaluate(trial2);
      if (contracted < (outside ? reflected : worstValue)) {
        replaceWorst(trial2, contracted);
      } else {
        // Shrink every vertex towards the best one.
        for (let i = 1; i <= n; i++) {
          const vertex = vertexAt(i);
          for (let k = 0; k < n; k++) vertex[k] = 0.5 * ((bestVertex[k] as number) + (vertex[k] as number));
          values[order[i] as number] = evaluate(vertex);
        }
      }
    }
  }

  order.sort((p, q) => (values[p] as number) - (values[q] as number));
  return { point: Array.from(vertexAt(0)), value: at(0), iterations, converged };

  function replaceWorst(point: readonly number[], value: number): void {
    const target = vertices[order[n] as number] as number[];
    for (let k = 0; k < n; k++) target[k] = point[k] as number;
    values[order[n] as number] = value;
  }
}
