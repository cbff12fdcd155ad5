<?php

class GreetingController
{
    public function show(Request $request, Environment $twig)
    {
        $html = $twig->createTemplate('Hello {{ name }}!')->render(['site' => 'Shop', 'name' => $request->input('name')]);
        $card = Blade::render('<p>Thanks, {{ $user }}</p>', ['user' => $_GET['user']]);
        $note = Blade::render('<div>{{ $note }}</div>', ['user' => $request->user(), 'note' => $request->query('note')]);
        $raw = Blade::render($request->input('template'));
        return [$html, $card, $note, $raw];
    }
}
