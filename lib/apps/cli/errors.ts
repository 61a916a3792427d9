/** The CLI's error for bad usage or input (exit code 2, one line): the library's UsageError, which every input error extends. */
export { UsageError } from "../../core/index";
