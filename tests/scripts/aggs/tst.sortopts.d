/* aggsortkey, aggsortrev, aggsortpos, aggsortkeypos through setopt(). */
#pragma D option quiet

BEGIN
{
	@a["b", 1] = sum(30); @b["b", 1] = sum(1);
	@a["a", 2] = sum(20); @b["a", 2] = sum(3);
	@a["c", 0] = sum(10); @b["c", 0] = sum(2);
	printa("%s %d %@d %@d\n", @a, @b);
	setopt("aggsortrev");
	printa("%s %d %@d %@d\n", @a, @b);
	setopt("aggsortrev", "false");
	setopt("aggsortkey");
	printa("%s %d %@d %@d\n", @a, @b);
	setopt("aggsortkeypos", "1");
	printa("%s %d %@d %@d\n", @a, @b);
	setopt("aggsortkey", "false");
	setopt("aggsortpos", "1");
	printa("%s %d %@d %@d\n", @a, @b);
	exit(0);
}
