// Preloaded by `npm run bench` into every measured process: writes the peak RSS (KB) on exit.
const file = process.env.K8S_LINT_BENCH_RSS;
if (file) process.on('exit', () => require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS)));
