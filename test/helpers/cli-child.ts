/** `procure …` in a child process (argv after the script), for tests that kill it mid-way. */
import { runCli } from '../../electron/cli/main';

process.exitCode = await runCli(process.argv.slice(2));
