#!/usr/bin/env node
// Validates a Frictionless Data Package with the Frictionless Data
// project's own JavaScript libraries (npm `datapackage`, which uses
// `tableschema`): the descriptor against the Tabular Data Package profile
// (JSON Schema), each resource's Table Schema, and every row of every CSV
// cast against its schema (types, required, enum, pattern, primary key
// uniqueness, foreign keys to the other resources).
//
//   node scripts/validate-datapackage.js path/to/datapackage.json
//
// Prints one line per error and exits 1 when there is any; prints
// "valid: N resources, M rows" and exits 0 otherwise. Works offline: the
// profiles ship inside the npm package.
'use strict'

const fs = require('fs')
const os = require('os')
const path = require('path')
const { Package } = require('datapackage')

const BOM = Buffer.from([0xef, 0xbb, 0xbf])

// withoutBOM copies the package to a temporary folder with the UTF-8
// byte-order mark taken off each CSV. pcmt writes the mark so that Excel
// reads the files as UTF-8; it is allowed in UTF-8 and frictionless-py
// skips it, but tableschema-js would read it as part of the first column's
// name. Every file must be valid UTF-8.
function withoutBOM(descriptor, errors) {
  const src = path.dirname(path.resolve(descriptor))
  const dst = fs.mkdtempSync(path.join(os.tmpdir(), 'pcmt-datapackage-'))
  const desc = JSON.parse(fs.readFileSync(descriptor, 'utf8'))
  fs.copyFileSync(descriptor, path.join(dst, 'datapackage.json'))
  for (const r of desc.resources || []) {
    const rel = String(r.path)
    if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) {
      errors.push(`${r.name}: path ${rel} leaves the package folder`)
      continue
    }
    let b = fs.readFileSync(path.join(src, rel))
    if (b.subarray(0, 3).equals(BOM)) b = b.subarray(3)
    else errors.push(`${r.name}: ${rel} does not start with a UTF-8 byte-order mark`)
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b)
    } catch (e) {
      errors.push(`${r.name}: ${rel} is not valid UTF-8`)
    }
    fs.mkdirSync(path.dirname(path.join(dst, rel)), { recursive: true })
    fs.writeFileSync(path.join(dst, rel), b)
  }
  return dst
}

async function main(descriptor) {
  const errors = []
  const base = withoutBOM(descriptor, errors)
  const pkg = await Package.load(path.join(base, 'datapackage.json'), { basePath: base, strict: false })
  if (pkg.descriptor.profile !== 'tabular-data-package') {
    errors.push(`profile is ${pkg.descriptor.profile}, want tabular-data-package`)
  }
  for (const e of pkg.errors) errors.push(`descriptor: ${e.message.replace(/\s+/g, ' ')}`)
  let rows = 0
  for (const res of pkg.resources) {
    if (!res.tabular) {
      errors.push(`${res.name}: not a tabular resource`)
      continue
    }
    for (const e of res.errors) errors.push(`${res.name}: ${e.message.replace(/\s+/g, ' ')}`)
    const schema = res.schema
    if (!schema || !schema.valid) {
      for (const e of (schema ? schema.errors : [])) errors.push(`${res.name} schema: ${e.message.replace(/\s+/g, ' ')}`)
      continue
    }
    // The header row must be the schema's field names, in order (a
    // byte-order mark left on the first name would fail here).
    const head = await res.read({ cast: false, limit: 1 })
    const headers = res.headers
    const want = schema.fieldNames
    if (JSON.stringify(headers) !== JSON.stringify(want)) {
      errors.push(`${res.name}: header ${JSON.stringify(headers)} is not the schema's ${JSON.stringify(want)}`)
      continue
    }
    if (!head.length) errors.push(`${res.name}: no rows`)
    try {
      // cast: types and constraints; relations: foreign keys. Errors are
      // collected rather than thrown at the first one.
      const read = await res.read({ keyed: true, cast: true, relations: true, forceCast: true })
      read.forEach((row, i) => {
        if (row instanceof Error) {
          const detail = (row.errors || []).map((e) => e.message).join('; ')
          errors.push(`${res.name}: row ${i + 2}: ${row.message}${detail ? ': ' + detail : ''}`)
        }
      })
      rows += read.length
    } catch (e) {
      const detail = (e.errors || []).map((x) => x.message).join('; ')
      errors.push(`${res.name}: ${e.message}${detail ? ': ' + detail : ''}`)
    }
  }
  fs.rmSync(base, { recursive: true, force: true })
  return { errors, resources: pkg.resources.length, rows }
}

const file = process.argv[2]
if (!file) {
  console.error('usage: validate-datapackage.js datapackage.json')
  process.exit(2)
}
main(file).then(
  ({ errors, resources, rows }) => {
    if (errors.length) {
      for (const e of errors) console.log(e)
      process.exit(1)
    }
    console.log(`valid: ${resources} resources, ${rows} rows`)
  },
  (e) => {
    console.log(`error: ${e.message}`)
    process.exit(1)
  },
)
