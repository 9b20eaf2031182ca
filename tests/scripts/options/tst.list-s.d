/* @@opts: -l */
/* -l -s lists the probes a script's descriptions match, in order. */
END
{
}

BEGIN
{
}
