/* strtok: leading, repeated and trailing delimiters; NULL goes on with
 * the last string, also from a later clause of the same probe */
#pragma D option quiet
BEGIN
{
	this->s = ",,,Carrots,,Barley,Oatmeal,,,Beans,";
	printf("%s\n", strtok(this->s, ","));
	printf("%s\n", strtok(NULL, ","));
}
BEGIN
{
	printf("%s\n", strtok(NULL, ","));
	printf("%s\n", strtok(NULL, ","));
	printf("%d\n", (this->t = strtok(NULL, ",")) == NULL);
	printf("%d\n", strtok("", "") == NULL);
	printf("%s\n", strtok("foo", ""));
	exit(0);
}
