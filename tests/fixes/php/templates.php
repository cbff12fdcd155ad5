<?php

class GreetingController
{
    public function show(Request $request, Environment $twig)
    {
        $html = $twig->createTemplate('Hello ' . $request->input('name') . '!')->render(['site' => 'Shop']);
        $card = Blade::render('<p>Thanks, ' . $_GET['user'] . '</p>');
        $note = Blade::render('<div>' . $request->query('note') . '</div>', ['user' => $request->user()]);
        $raw = Blade::render($request->input('template'));
        return [$html, $card, $note, $raw];
    }
}
