// The peer side of compare-peer.sh: the same loop as io.stepstream.bench.Throughput, on
// aws-local-stepfunctions. One StateMachine object, warm-up, then rounds of sequential
// executions (each awaited), each round timed; prints every round's rate and the median as
// executions_per_second=N. Every definition runs on five-states.input.json and must produce
// five-states.output.json, the output Stepstream gives.
//
// Usage: node peer-bench.mjs [definition=five-states] [warmup=5] [seconds=5] [rounds=3]
import { readFileSync } from 'node:fs';
import { deepStrictEqual } from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const options = Object.fromEntries(process.argv.slice(2).map((arg) => arg.split('=', 2)));
const definitionName = options.definition ?? 'five-states';
const warmup = Number(options.warmup ?? 5);
const seconds = Number(options.seconds ?? 5);
const rounds = Number(options.rounds ?? 3);
const machines = options.machines ?? join(here, 'machines');
const BATCH = 16;

// Resolve the pinned copy in bench/.peer, whatever the working directory.
const require = createRequire(join(here, '.peer', 'package.json'));
const { StateMachine } = require('aws-local-stepfunctions');

const readJson = (file) => JSON.parse(readFileSync(join(machines, file), 'utf8'));
const definition = readJson(`${definitionName}.asl.json`);
const input = readJson('five-states.input.json');
const expected = readJson('five-states.output.json');

if (definition.QueryLanguage === 'JSONata') {
  // 3.0.0 ignores QueryLanguage and runs {% %} strings as JSONPath-mode literals.
  console.error(`skipping ${definitionName}: aws-local-stepfunctions has no JSONata mode`);
  process.exit(3);
}
const machine = new StateMachine(definition);

async function verify() {
  deepStrictEqual(await machine.run(input).result, expected);
}

async function loop(durationSeconds) {
  const deadline = BigInt(Math.round(durationSeconds * 1e9));
  const start = process.hrtime.bigint();
  let count = 0;
  let elapsed;
  do {
    for (let i = 0; i < BATCH; i++) {
      await machine.run(input).result;
    }
    count += BATCH;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < deadline);
  return count / (Number(elapsed) / 1e9);
}

await verify();
await loop(warmup);
const rates = [];
for (let i = 0; i < rounds; i++) {
  rates.push(await loop(seconds));
  console.log(`peer ${definitionName} round ${i + 1}: ${rates[i].toFixed(0)} executions/s`);
}
await verify();
rates.sort((a, b) => a - b);
console.log(`executions_per_second=${rates[Math.floor(rounds / 2)].toFixed(0)}`);
