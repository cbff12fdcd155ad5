<?php

function assistant($client, $request, $user)
{
    $response = $client->chat()->create([
        'model' => 'gpt-4o-mini',
        'messages' => [
            ['role' => 'system', 'content' => "You help {$user->name}. Rules: " . $request->input('rules')], // expect: php-llm-prompt-injection
            ['role' => 'user', 'content' => $request->input('question')], // ok: php-llm-prompt-injection
        ],
    ]);
    $fixed = $client->chat()->create([
        'model' => 'gpt-4o-mini',
        'messages' => [
            ['role' => 'system', 'content' => 'You answer questions about our shop.'], // ok: php-llm-prompt-injection
            ['role' => 'user', 'content' => "Question: " . $request->input('question')], // ok: php-llm-prompt-injection
        ],
    ]);
    $claude = $client->messages()->create([
        'model' => 'claude-sonnet',
        'system' => 'Act as ' . $_GET['persona'], // expect: php-llm-prompt-injection
        'messages' => [['role' => 'user', 'content' => 'hi']],
    ]);
    return [$response, $fixed, $claude];
}

function run_answer($client, PDO $pdo, $conn)
{
    $response = $client->chat()->create(['model' => 'gpt-4o-mini', 'messages' => []]);
    $code = $response->choices[0]->message->content;
    eval($code); // expect: php-llm-output-exec
    shell_exec('convert ' . $response->choices[0]->message->content); // expect: php-llm-output-shell
    $sql = $response->choices[0]->message->content;
    $rows = $pdo->query($sql); // expect: php-llm-output-sql
    $data = json_decode($raw, true);
    $more = mysqli_query($conn, $data['choices'][0]['message']['content']); // expect: php-llm-output-sql

    echo htmlspecialchars($code); // ok: php-llm-output-exec
    system('notify-send ' . escapeshellarg($response->choices[0]->message->content)); // ok: php-llm-output-shell
    $stmt = $pdo->prepare('INSERT INTO answers (body) VALUES (?)'); // ok: php-llm-output-sql
    $stmt->execute([$response->choices[0]->message->content]); // ok: php-llm-output-sql
    $pdo->query('SELECT COUNT(*) FROM answers'); // ok: php-llm-output-sql
    eval('return 1;'); // ok: php-llm-output-exec
    return [$rows, $more];
}

function more_answers($client, $db, $request)
{
    $result = $client->completions()->create(['model' => 'gpt-3.5-turbo-instruct', 'prompt' => 'x']);
    $snippet = $result->choices[0]->text;
    $value = assert($snippet); // expect: php-llm-output-exec
    $fn = create_function('$x', $result->choices[0]->text); // expect: php-llm-output-exec
    $listing = `ls {$result->choices[0]->text}`; // expect: php-llm-output-shell
    exec('git log ' . $snippet); // expect: php-llm-output-shell
    DB::statement($result->choices[0]->text); // expect: php-llm-output-sql
    $db->exec($snippet); // expect: php-llm-output-sql

    $copy = $snippet; // ok: php-llm-output-exec
    $json = json_decode($snippet, true); // ok: php-llm-output-exec
    exec('uptime'); // ok: php-llm-output-shell
    $label = 'Answer: ' . $snippet; // ok: php-llm-output-shell
    passthru('wc -l ' . escapeshellarg($snippet)); // ok: php-llm-output-shell
    $db->query('SELECT 1'); // ok: php-llm-output-sql
    return [$value, $fn, $listing, $copy, $json];
}

function personas($client, $request)
{
    $persona = $request->input('persona');
    $a = $client->chat()->create(['messages' => [['role' => 'developer', 'content' => "Speak as $persona"]]]); // expect: php-llm-prompt-injection
    $tone = 'friendly';
    $b = $client->chat()->create(['messages' => [['role' => 'system', 'content' => "Be $tone."]]]); // ok: php-llm-prompt-injection
    return [$a, $b];
}
