// exit.ts - process.exit with a status taken from argv[1], after output.
const code = process.argv.length > 1 ? I32.parseInt(process.argv[1]) : 0;
console.log("exiting with " + code.toString());
process.exit(code);
console.log("not reached");
