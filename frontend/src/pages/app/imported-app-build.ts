/** What the builder is asked when an imported app's files are to be built (they arrive unbuilt). */
export const IMPORTED_APP_BUILD_MESSAGE =
  "I imported this app's existing source. Build it as it is: typecheck and build the files, and change only what stops the build on this platform (say what you changed).";
