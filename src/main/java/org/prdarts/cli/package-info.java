/**
 * The command line: picocli commands and option bindings, each a thin layer that parses options
 * into validated config records, calls the components below and prints the summary. Owns the exit
 * codes and the one-line error messages. Imports any package; none imports it.
 */
package org.prdarts.cli;
