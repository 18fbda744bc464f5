// Octokit's side of FirstMintPeers (ghapp-bench): how long a new createAppAuth() takes to hand out its
// first installation token, i.e. sign a JWT and mint, as a service does that builds its auth per tenant or
// per job. Run by FirstMintPeers with the emulator's address in the environment; prints one JSON line.
import { readFileSync } from "node:fs";
import { createAppAuth } from "@octokit/auth-app";
import { request } from "@octokit/request";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`first-mint.mjs: ${name} is not set`);
  return value;
};
const baseUrl = env("BENCH_BASE_URL");
const appId = Number(env("BENCH_APP_ID"));
const installationId = Number(env("BENCH_INSTALLATION_ID"));
const privateKey = readFileSync(env("BENCH_PRIVATE_KEY_FILE"), "utf8");
const warmup = Number(env("BENCH_WARMUP"));
const runs = Number(env("BENCH_RUNS"));
const client = request.defaults({ baseUrl });

async function firstMint() {
  const auth = createAppAuth({ appId, privateKey, request: client });
  const { token } = await auth({ type: "installation", installationId });
  if (!token) throw new Error("first-mint.mjs: no token in the answer");
}

for (let i = 0; i < warmup; i++) await firstMint();
const micros = [];
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  await firstMint();
  micros.push(Number(process.hrtime.bigint() - start) / 1000);
}
console.log(JSON.stringify({ peer: "octokit", micros }));
