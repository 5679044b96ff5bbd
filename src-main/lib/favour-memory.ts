import { setFlagsFromString } from 'node:v8';

/**
 * Main trades a little speed for a heap that stays near what it holds. Walking a large customer
 * directory parses and validates a page of customers twenty times a second; with V8's default
 * sizing the heap grew to ~150 MB committed for ~15 MB that stays alive, and the process to ~345 MB
 * at 100,000 customers (main-memory bench). With V8's size-favouring mode it stays near 25 MB and
 * the process under 230 MB (bench/README.md, "main's RSS"). Imported first by each entry, so the
 * mode holds from start-up on (a bundled entry may evaluate a shared chunk or two before it, which
 * changes nothing: V8 reads the mode at each collection). It applies to the whole process, worker
 * threads included.
 */
setFlagsFromString('--optimize-for-size');
