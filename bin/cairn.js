#!/usr/bin/env node
// The cairn CLI; `npm run build:node` makes dist/cli/cairn.mjs.
import '../dist/cli/cairn.mjs';
