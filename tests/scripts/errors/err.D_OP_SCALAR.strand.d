/* Strings are not scalars: && does not take them.  DTrace reports the line
 * of the "{" that follows the predicate (its lexer reads ahead to it). */
BEGIN
/"a" && "b"/
{
	exit(0);
}
