<?php

// No fixed folder comes before the value, so only an allow-list can fix this: guidance only.
function plugin()
{
    require $_GET['plugin'];
}
