#!/usr/bin/env node
// Committed, so `npm ci` can link the `flyte-secrets` bin before dist/ is built.
import '../dist/cli/main.js';
