#!/usr/bin/env python3
"""Top frames of a JFR recording's execution samples, self and inclusive, as percentages.

Usage: jfr print --events jdk.ExecutionSample --stack-depth 200 rec.jfr | python3 bench/jfr-top.py [N]
Only samples with an io.stepstream frame count (the benchmark thread, not the JIT or GC).
"""
import collections
import re
import sys

top = int(sys.argv[1]) if len(sys.argv) > 1 else 30
stacks = re.findall(r'jdk\.ExecutionSample \{.*?stackTrace = \[\n(.*?)\n\s*\]', sys.stdin.read(), re.S)
own = collections.Counter()
inclusive = collections.Counter()
total = 0
for stack in stacks:
    frames = [re.sub(r'\s+line:.*$', '', line.strip()) for line in stack.split('\n')]
    frames = [f for f in frames if f and f != '...']
    if not any('io.stepstream' in f for f in frames):
        continue
    total += 1
    own[frames[0]] += 1
    inclusive.update(set(frames))
print(f'samples: {total}')
print('self:')
for frame, count in own.most_common(top):
    print(f'{100 * count / total:5.1f}%  {frame}')
print('inclusive (io.stepstream and Jackson frames):')
shown = [(f, c) for f, c in inclusive.most_common() if 'io.stepstream' in f or 'jackson' in f]
for frame, count in shown[:top * 2]:
    print(f'{100 * count / total:5.1f}%  {frame}')
