/* A missing self-> or associative array string is NULL, as in DTrace:
 * comparing it works (it equals ""), printing it faults (and the
 * clause's records are discarded); storing NULL deletes the element. */
/* @@opts: -q */
/* @@filter: pc */
self string s;
string a[string];

BEGIN
{
	printf("%d %d %d\n", self->s == "", a["x"] == "", a["x"] < "b");
	a["y"] = "set";
	printf("%s\n", a["y"]);
	a["z"] = "set";
	a["z"] = strchr("abc", 'z');	/* NULL: deletes it */
	self->s = "set";
	self->s = a["none"];
	printf("%d %d\n", a["z"] == NULL, self->s == NULL);
}

BEGIN
{
	printf("%s\n", self->s);
	printf("not reached\n");
}

BEGIN
{
	printf("%s\n", a["x"]);
}

ERROR
{
	printf("fault %d at %x\n", arg4, arg5);
}

BEGIN
{
	exit(0);
}
